/**
 * A streamed answer (server-sent events: the assistant's turns) is not over when its handler returns
 * its headers: the model and its tools go on writing for seconds. Usage, the log line and the request
 * histogram should count the whole answer, so the body is passed through a counter that reports, once,
 * when it ends: finished, failed, or cancelled by a client that went away.
 */

export const isStreamedAnswer = (response: Response) => response.body !== null && (response.headers.get("content-type") ?? "").startsWith("text/event-stream");

/** The same response whose body calls `onEnd(bytes)` exactly once, when the stream ends for any reason. */
export function whenStreamEnds(response: Response, onEnd: (bytes: number) => void): Response {
  const reader = response.body!.getReader();
  let bytes = 0;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd(bytes);
  };
  const counted = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          end();
          controller.close();
          return;
        }
        bytes += value.byteLength;
        controller.enqueue(value);
      } catch (error) {
        end();
        controller.error(error);
      }
    },
    async cancel(reason) {
      end();
      await reader.cancel(reason);
    },
  });
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
}
