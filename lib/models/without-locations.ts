/**
 * A reason shown to any caller (`unavailable_reason`, `available: false` answers, OIP readiness) must not
 * map the server: absolute file paths (the data and cache folders, the install directory) and URLs (a
 * remote INFERENCE_BACKEND_URL, a mirror) are replaced by what they are. File names stay: "yolox_nano.onnx:
 * not found" is what a user needs. The full text goes to the log and to /api/ready's operator details.
 */
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s;,()"'<>]+/gi;
// A path of two or more segments from the root (or a drive), not a file name or an API route.
const PATH_PATTERN = /(?<![\w.:/-])(?:[A-Za-z]:)?[\\/](?:[^\s;,()"'<>\\/]+[\\/])+[^\s;,()"'<>\\/]*/g;

export function withoutLocations(text: string): string {
  // A colon right after a path ends the phrase ("…/model.onnx: missing"), it is not part of the path.
  return text
    .replace(URL_PATTERN, "<url>")
    .replace(PATH_PATTERN, (match) => (/^\/(api|v2)\//.test(match) ? match : match.endsWith(":") ? "<path>:" : "<path>"));
}
