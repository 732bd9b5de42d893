import * as ort from "onnxruntime-node";
import { ModelUnavailableError } from "../../domain-errors";
import type { ModelSession } from "../model-session";
import { InferenceThreadExit, type OpenedSession, type SessionHost, type WireTensor } from "./session-host";

/**
 * A ModelSession whose real ONNX Runtime session lives on an inference thread (session-host.ts): `run`
 * posts the feeds there and rebuilds the answered outputs as ort.Tensors (same names, types, dims and
 * bytes), so the queue and pipelines above see a session like any other while the event loop stays free.
 *
 * Feeds are copied into fresh buffers that are then transferred: the caller may still own its arrays
 * (the serving queue reuses its stacking buffers run after run, a pipeline may read its input again),
 * so transferring them in place would detach them under it; a copy of the view also sends only the
 * view's bytes, where cloning a subarray would send its whole underlying buffer. Outputs come back
 * transferred (the thread keeps none of them).
 */

type NumericData = Exclude<ort.Tensor["data"], string[]>;

function toWire(feeds: Record<string, ort.Tensor>): { wire: Record<string, WireTensor>; transfer: ArrayBuffer[] } {
  const wire: Record<string, WireTensor> = {};
  const transfer: ArrayBuffer[] = [];
  for (const [name, tensor] of Object.entries(feeds)) {
    if (tensor.location !== "cpu") throw new Error(`input "${name}" is on ${tensor.location}: only CPU tensors can be sent to an inference thread`);
    const data = ArrayBuffer.isView(tensor.data) ? (tensor.data as NumericData).slice() : tensor.data;
    if (ArrayBuffer.isView(data)) transfer.push(data.buffer as ArrayBuffer);
    wire[name] = { type: tensor.type, dims: tensor.dims, data };
  }
  return { wire, transfer };
}

function fromWire(outputs: Record<string, WireTensor>): ort.InferenceSession.ReturnType {
  return Object.fromEntries(Object.entries(outputs).map(([name, t]) => [name, new ort.Tensor(t.type, t.data as NumericData, t.dims)]));
}

let nextSessionKey = 1;

export class OffLoopSession implements ModelSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  readonly outputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  private reopening: Promise<void> | undefined;
  private released = false;

  private constructor(
    private readonly modelId: string,
    private readonly host: SessionHost,
    private readonly key: number,
    private generation: number,
    /** What the session was created from, kept to reopen it on a new thread after a death. */
    readonly model: string,
    readonly options: ort.InferenceSession.SessionOptions,
    opened: OpenedSession,
  ) {
    this.inputNames = opened.inputNames;
    this.outputNames = opened.outputNames;
    this.inputMetadata = opened.inputMetadata;
    this.outputMetadata = opened.outputMetadata;
  }

  /** Creates the session on `host`'s thread (ONNX Runtime's load errors arrive as they are); the host counts it already. */
  static async open(modelId: string, host: SessionHost, model: string, options: ort.InferenceSession.SessionOptions): Promise<OffLoopSession> {
    const key = nextSessionKey++;
    const opened = await host.call<OpenedSession>({ op: "open", session: key, model, options });
    return new OffLoopSession(modelId, host, key, host.generation, model, options, opened);
  }

  /** Which thread runs this session (tests; 0-based host index). */
  get hostIndex(): number {
    return this.host.index;
  }

  async run(feeds: Record<string, ort.Tensor>): Promise<ort.InferenceSession.ReturnType> {
    if (this.released) throw new Error(`the session of "${this.modelId}" was released`);
    try {
      if (!this.host.holds(this.generation)) await this.reopen();
      const { wire, transfer } = toWire(feeds);
      const { outputs } = await this.host.call<{ outputs: Record<string, WireTensor> }>({ op: "run", session: this.key, feeds: wire }, transfer);
      return fromWire(outputs);
    } catch (error) {
      // A thread that stopped under the run (or cannot be restarted) makes the model unavailable for
      // this call, which the API answers 503; the next run reopens the session on a new thread.
      if (error instanceof InferenceThreadExit) throw new ModelUnavailableError(this.modelId, `Model "${this.modelId}" is unavailable: ${error.message}.`);
      throw error;
    }
  }

  /** After the thread died: the same session (same file and options) on its replacement. */
  private reopen(): Promise<void> {
    this.reopening ??= this.host
      .call<OpenedSession>({ op: "open", session: this.key, model: this.model, options: this.options })
      .then(() => {
        this.generation = this.host.generation;
      })
      .finally(() => {
        this.reopening = undefined;
      });
    return this.reopening;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.host.sessions--;
    // A thread that is gone (died, closed) took the session with it: nothing left to release.
    if (this.host.holds(this.generation) && !this.host.closed) await this.host.call({ op: "release", session: this.key }).catch(() => undefined);
  }
}
