import { execFileSync } from "node:child_process";
import os from "node:os";

/**
 * The CPU without VNNI that int8 answers are checked on, whatever this machine has:
 * `qemu-x86_64 -cpu Haswell` (qemu-user, Debian's `qemu-user` package) runs the same Node binary with
 * AVX2 and without AVX-512 and VNNI, so ONNX Runtime picks its AVX2 kernels, whose int8 path
 * (`vpmaddubsw`) qemu emulates with its int16 saturation. The flags qemu's TCG cannot emulate are
 * turned off so it does not warn about them on every start. Its /proc/cpuinfo still shows the
 * host's flags: only the behaviour probe sees the difference.
 */

export const EMULATED_CPU = "Haswell,-pcid,-x2apic,-tsc-deadline,-hle,-invpcid,-rtm";

/** qemu-x86_64's path, or undefined when it is not installed. */
export function findQemu(): string | undefined {
  try {
    return execFileSync("sh", ["-c", "command -v qemu-x86_64"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Why the emulated CPU cannot be had here, or undefined when it can. */
export function emulationUnavailableReason(): string | undefined {
  if (os.arch() !== "x64") return `needs an x86-64 host (this is ${os.arch()})`;
  if (!findQemu()) return "qemu-x86_64 is not installed (scripts/ensure-qemu.sh installs Debian's qemu-user)";
  return undefined;
}
