/** A layer of architecture/layers.mjs: its name, why it sits where it does, and its folders and root files. */
export interface Layer {
  name: string;
  why: string;
  paths: string[];
}

export const layers: Layer[];
