// Entry of an inference thread (lib/inference/off-loop/session-host.ts starts it): it owns real ONNX
// Runtime sessions and runs them, so their synchronous `run` blocks this thread, never the event loop.
// Plain JavaScript loading only onnxruntime-node (no tsx, no app code): a thread costs one V8 isolate
// and the binding, and Node loads it as is in the repository, the production build and the standalone
// output (next.config.ts traces it). Session options arrive built (lib/inference/session-options.ts
// on the main thread: the int8 remedy included), so this file decides nothing about them.
//
// Protocol (the types are in session-host.ts): the host sends `{ id, op, ... }` and gets one
// `{ id, ok: true, value }` or `{ id, ok: false, error: { name, message, stack } }` back per message.
//   open    { session, model, options }  -> { inputNames, outputNames, inputMetadata, outputMetadata }
//   run     { session, feeds }           -> { outputs }     (tensors as { type, dims, data })
//   release { session }                  -> {}
//   exit    {}                           -> (no answer: the thread ends; tests play a crash with it)
// Output buffers are fresh per run and this thread keeps no reference to them, so they are transferred,
// not copied.
import { parentPort } from "node:worker_threads";
import ort from "onnxruntime-node";

const sessions = new Map();

function sessionNamed(key) {
  const session = sessions.get(key);
  if (!session) throw new Error(`no session ${key} on this inference thread (released?)`);
  return session;
}

const ops = {
  async open({ session: key, model, options }) {
    const session = await ort.InferenceSession.create(model, options);
    sessions.set(key, session);
    const { inputNames, outputNames, inputMetadata, outputMetadata } = session;
    return { value: { inputNames, outputNames, inputMetadata, outputMetadata } };
  },
  async run({ session: key, feeds }) {
    const session = sessionNamed(key);
    const tensors = {};
    for (const [name, t] of Object.entries(feeds)) tensors[name] = new ort.Tensor(t.type, t.data, t.dims);
    const results = await session.run(tensors);
    const outputs = {};
    const transfer = [];
    for (const [name, t] of Object.entries(results)) {
      outputs[name] = { type: t.type, dims: t.dims, data: t.data };
      // String tensors come back as plain arrays (cloned); numeric ones own their buffer.
      if (ArrayBuffer.isView(t.data) && !transfer.includes(t.data.buffer)) transfer.push(t.data.buffer);
    }
    return { value: { outputs }, transfer };
  },
  // Ends the thread from JavaScript, never inside a native run (messages are handled between runs).
  exit() {
    process.exit(1);
  },
  async release({ session: key }) {
    const session = sessions.get(key);
    sessions.delete(key);
    await session?.release();
    return { value: {} };
  },
};

parentPort.on("message", async (message) => {
  try {
    const op = ops[message.op];
    if (!op) throw new Error(`unknown inference thread op "${message.op}"`);
    const { value, transfer } = await op(message);
    parentPort.postMessage({ id: message.id, ok: true, value }, transfer ?? []);
  } catch (error) {
    const { name = "Error", message: text = String(error), stack } = error instanceof Error ? error : {};
    parentPort.postMessage({ id: message.id, ok: false, error: { name, message: text, stack } });
  }
});
