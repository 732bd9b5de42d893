import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

export class ModelDownloadError extends Error {
  constructor(
    message: string,
    readonly reason: "http" | "checksum" | "size" | "network" | "timeout",
  ) {
    super(message);
    this.name = "ModelDownloadError";
  }
}

export interface DownloadRequest {
  url: string;
  destination: string;
  sha256: string;
  bytes: number;
  timeoutMs: number;
}

/**
 * Streams a file from its upstream URL into `destination`, hashing as it goes. The file appears at
 * `destination` only when its size and sha256 match; otherwise the partial download is removed,
 * so a cache never holds a file that was not verified.
 */
export async function downloadVerifiedFile(request: DownloadRequest): Promise<void> {
  await mkdir(path.dirname(request.destination), { recursive: true });
  const partial = `${request.destination}.${randomBytes(6).toString("hex")}.part`;
  const hash = createHash("sha256");
  let received = 0;
  try {
    let response: Response;
    try {
      response = await fetch(request.url, { redirect: "follow", signal: AbortSignal.timeout(request.timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      throw new ModelDownloadError(
        `${timedOut ? "timed out fetching" : "could not reach"} ${request.url}: ${(error as Error).message}`,
        timedOut ? "timeout" : "network",
      );
    }
    if (!response.ok || !response.body) {
      throw new ModelDownloadError(`${request.url} answered HTTP ${response.status}`, "http");
    }
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        // Stop early on an oversized body instead of filling the disk with the wrong file.
        if (received > request.bytes) {
          callback(new ModelDownloadError(`${request.url} sent more than the expected ${request.bytes} bytes`, "size"));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(response.body as never), meter, createWriteStream(partial));
    if (received !== request.bytes) {
      throw new ModelDownloadError(`${request.url} sent ${received} bytes, expected ${request.bytes}`, "size");
    }
    const actual = hash.digest("hex");
    if (actual !== request.sha256) {
      throw new ModelDownloadError(`checksum mismatch for ${request.url}: expected sha256 ${request.sha256}, got ${actual}`, "checksum");
    }
    await rename(partial, request.destination);
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof ModelDownloadError) throw error;
    throw new ModelDownloadError(`download of ${request.url} failed: ${(error as Error).message}`, "network");
  }
}
