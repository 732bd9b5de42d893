/** The product's parts, in one list so the header and the landing page never disagree. */
export interface NavItem {
  href: string;
  label: string;
  summary: string;
  /** Parts that later work adds are listed but not linked until they exist. */
  available: boolean;
}

export const navItems: NavItem[] = [
  {
    href: "/analyze",
    label: "Analyze images",
    summary: "ImageNet labels, COCO objects, image facts and how well a caption matches what the models saw.",
    available: true,
  },
  {
    href: "/documents",
    label: "Documents",
    summary: "OCR with PP-OCRv4: lines, reading order, key fields such as dates and totals, questions answered.",
    available: true,
  },
  {
    href: "/languages",
    label: "Languages",
    summary: "Language of a text and of each of its segments, from an ensemble of CLD3 and fastText.",
    available: true,
  },
  {
    href: "/safety",
    label: "Safety",
    summary: "Prompt-injection and jailbreak detection, PII, NSFW images and text hidden in images; a red-team lab.",
    available: true,
  },
  {
    href: "/assistant",
    label: "Assistant",
    summary: "Ask in plain words: a language model you connect calls these tools on your uploads and history, every call shown.",
    available: true,
  },
  {
    href: "/benchmarks",
    label: "Benchmarks",
    summary: "Full precision vs quantized vs pruned: latency, size and accuracy measured on this machine.",
    available: true,
  },
];
