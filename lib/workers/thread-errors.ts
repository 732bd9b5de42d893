import * as domainErrors from "../domain-errors";
import { ApiError } from "../errors";

/**
 * Errors cross a thread boundary by structured clone, which keeps an Error's message and stack but not
 * its class or fields: a bad input thrown in a worker would reach the route as a plain Error and be
 * answered 500. The worker sends this plain description instead and the caller rebuilds the same
 * error (same class, same fields), so lib/errors.ts maps it to the same problem document as inline.
 */

export type SerializedError =
  | { kind: "api"; code: ApiError["code"]; detail: string; extra: ApiError["extra"]; stack?: string }
  | { kind: "domain"; name: string; message: string; fields: Record<string, unknown>; stack?: string }
  | { kind: "other"; name: string; message: string; stack?: string };

const DOMAIN_ERROR_KINDS = Symbol.for("insight-engine.DomainError.kinds");

const domainClasses: Record<string, unknown> = domainErrors;

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ApiError) return { kind: "api", code: error.code, detail: error.detail, extra: error.extra, stack: error.stack };
  if (error instanceof domainErrors.DomainError) return { kind: "domain", name: error.name, message: error.message, fields: { ...error }, stack: error.stack };
  if (error instanceof Error) return { kind: "other", name: error.name, message: error.message, stack: error.stack };
  return { kind: "other", name: "Error", message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  if (error.kind === "api") return Object.assign(new ApiError(error.code, error.detail, error.extra), { stack: error.stack });
  if (error.kind === "domain") {
    const domainClass = domainClasses[error.name];
    if (typeof domainClass === "function") {
      // The constructors take different arguments; the instance is rebuilt from its recorded fields
      // (its own properties, the class names `instanceof` checks among them) on the class's prototype.
      const rebuilt = Object.create(domainClass.prototype) as domainErrors.DomainError;
      Object.defineProperty(rebuilt, "message", { value: error.message, writable: true, configurable: true });
      Object.defineProperty(rebuilt, "stack", { value: error.stack, writable: true, configurable: true });
      Object.assign(rebuilt, error.fields, { name: error.name });
      const kinds: string[] = [];
      for (let kind: object | null = domainClass; kind && kind !== Error; kind = Object.getPrototypeOf(kind))
        kinds.push((kind as typeof domainErrors.DomainError).kind);
      Object.defineProperty(rebuilt, DOMAIN_ERROR_KINDS, { value: kinds, enumerable: true });
      return rebuilt;
    }
  }
  const other = new Error(error.message);
  other.name = error.name;
  other.stack = error.stack;
  return other;
}
