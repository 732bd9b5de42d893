import { AttributeType, createAttribute, toNumber, type NodeProto, type TensorProto } from "./onnx-proto";

/** Reading and writing node attributes without touching protobuf details at every call site. */

function find(node: NodeProto, name: string) {
  return node.attribute.find((a) => a.name === name);
}

export function getInt(node: NodeProto, name: string, fallback: number): number {
  const attribute = find(node, name);
  return attribute ? toNumber(attribute.i) : fallback;
}

export function getFloat(node: NodeProto, name: string, fallback: number): number {
  const attribute = find(node, name);
  return attribute ? attribute.f : fallback;
}

export function getInts(node: NodeProto, name: string): number[] | undefined {
  const attribute = find(node, name);
  return attribute ? attribute.ints.map(toNumber) : undefined;
}

export function getString(node: NodeProto, name: string): string | undefined {
  const attribute = find(node, name);
  return attribute ? new TextDecoder().decode(attribute.s) : undefined;
}

export function getTensor(node: NodeProto, name: string): TensorProto | undefined {
  return find(node, name)?.t ?? undefined;
}

export function removeAttribute(node: NodeProto, name: string): void {
  node.attribute = node.attribute.filter((a) => a.name !== name);
}

export function setInt(node: NodeProto, name: string, value: number): void {
  removeAttribute(node, name);
  node.attribute.push(createAttribute({ name, type: AttributeType.INT, i: value }));
}

export function intAttribute(name: string, value: number) {
  return createAttribute({ name, type: AttributeType.INT, i: value });
}

export function intsAttribute(name: string, values: number[]) {
  return createAttribute({ name, type: AttributeType.INTS, ints: values });
}

export function hasSubgraph(node: NodeProto): boolean {
  return node.attribute.some((a) => a.type === AttributeType.GRAPH || a.type === AttributeType.GRAPHS);
}

export function floatAttribute(name: string, value: number) {
  return createAttribute({ name, type: AttributeType.FLOAT, f: value });
}
