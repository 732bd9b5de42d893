export async function register() {
  // The Node.js server only: the edge runtime has no file system, database or ONNX Runtime.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startInstance } = await import("./lib/instance/start-instance");
    await startInstance();
    const { startMetricsListener } = await import("./lib/metrics/metrics-listener");
    startMetricsListener();
  }
}
