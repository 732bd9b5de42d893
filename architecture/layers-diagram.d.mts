import type { Layer } from "./layers.mjs";

export const BEGIN: string;
export const END: string;
export const readmePath: string;
export function layersDiagram(list?: Layer[]): string;
export function withLayersDiagram(readme: string): string;
