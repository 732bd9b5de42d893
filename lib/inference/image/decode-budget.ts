import "server-only";
import { OverloadedError } from "../../domain-errors";
import { currentDeadline } from "../../request-deadline";

/**
 * A process-wide budget of pixels being decoded at once. A decode holds about 3 bytes a pixel of output plus
 * libvips' working memory for its input: twenty concurrent 40-megapixel uploads would each hold hundreds of MB
 * at the same moment. Each decode takes its pixel count from the budget (at most the whole budget, so any
 * image the limits allow can run alone), waits its turn in arrival order when the budget is spent, and gives
 * up with a 503 when its request's deadline comes first. Memory for decoding is then bounded by the budget,
 * whatever the number of concurrent requests.
 */
export class PixelBudget {
  private available: number;
  private readonly waiting: { pixels: number; grant: () => void }[] = [];

  constructor(readonly capacity: number) {
    this.available = capacity;
  }

  get inUse(): number {
    return this.capacity - this.available;
  }

  async acquire(pixels: number, deadlineAtMs?: number): Promise<() => void> {
    const weight = Math.min(Math.max(1, pixels), this.capacity);
    if (this.waiting.length === 0 && this.available >= weight) {
      this.available -= weight;
      return this.releaser(weight);
    }
    await new Promise<void>((resolve, reject) => {
      const entry = { pixels: weight, grant: resolve };
      this.waiting.push(entry);
      if (deadlineAtMs === undefined) return;
      const timer = setTimeout(
        () => {
          const index = this.waiting.indexOf(entry);
          if (index < 0) return;
          this.waiting.splice(index, 1);
          this.drain();
          reject(new OverloadedError("image-decoder", "deadline_exceeded", 1, "Too many large images are being decoded right now; try again shortly."));
        },
        Math.max(0, deadlineAtMs - Date.now()),
      );
      entry.grant = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    return this.releaser(weight);
  }

  private releaser(weight: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.available += weight;
      this.drain();
    };
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.available >= this.waiting[0].pixels) {
      const next = this.waiting.shift()!;
      this.available -= next.pixels;
      next.grant();
    }
  }
}

const globalForBudget = globalThis as unknown as { insightDecodeBudget?: PixelBudget };

/** The process's budget (IMAGE_DECODE_PIXEL_BUDGET, read once). */
export function decodeBudget(capacity: number): PixelBudget {
  return (globalForBudget.insightDecodeBudget ??= new PixelBudget(capacity));
}

/** Runs a decode of `pixels` pixels within the budget, under the current request's deadline. */
export async function withinDecodeBudget<T>(capacity: number, pixels: number, decode: () => Promise<T>): Promise<T> {
  const release = await decodeBudget(capacity).acquire(pixels, currentDeadline()?.deadlineAtMs);
  try {
    return await decode();
  } finally {
    release();
  }
}
