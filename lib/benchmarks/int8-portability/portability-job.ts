import type { SavedTensor } from "./saved-tensors";

/** What the parent asks of each CPU's run (run-on-this-cpu.ts), and what that run answers. */

export interface JobInput extends SavedTensor {
  /** The evaluation file it was made from, e.g. `photos/coral_owl.jpg` or `ocr/skimage_page.png#line3`. */
  source: string;
}

export interface JobModel {
  /** A model-store id (a served model) or a recipe id (a lab variant, then with its file). */
  id: string;
  /** The variant's .onnx, for lab variants. */
  variantFile?: string;
  inputs: JobInput[];
}

export interface PortabilityJob {
  /** Folder holding every input tensor. */
  inputDir: string;
  models: JobModel[];
}

export interface CpuRunResult {
  /** The int8 remedy the run chose: `saturates` is what its probe saw on this CPU. */
  remedy: { mode: string; precisionOption: boolean; saturates: boolean | null };
  models: {
    id: string;
    /** Whether this model's session got session.x64quantprecision here. */
    precisionOption: boolean;
    /** One per input, in the job's order, in the run's output folder. */
    outputs: SavedTensor[];
    runSeconds: number;
  }[];
}
