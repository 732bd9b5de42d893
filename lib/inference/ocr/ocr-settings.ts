/**
 * PaddleOCR PP-OCRv4 pre- and post-processing settings (PaddleOCR tools/infer/utility.py and the
 * det/rec/cls configs). They live here rather than in the models' manifest entries because the
 * manifest's `input` schema describes one fixed-size image tensor, and these models take variable
 * sizes: detection any multiple of 32 on each side, recognition a height of 48 and any width.
 *
 * PaddleOCR decodes images with OpenCV, so its models were trained on BGR channel order; the
 * detection mean/std are ImageNet's, applied in that order.
 */

export const ocrModelIds = {
  detection: "ppocr-v4-det",
  recognition: "ppocr-v4-rec",
  direction: "ppocr-mobile-v2-cls",
} as const;

export const detectionSettings = {
  /** The longer side is scaled down to at most this many pixels (PaddleOCR uses 960; receipts need more). */
  maxSidePx: 1600,
  /** Small pages are scaled up towards this shorter side... */
  minShortSidePx: 736,
  /** ...by at most this factor. */
  maxUpscale: 1.4,
  /** Each side is rounded to a multiple of this (the network downsamples by 32). */
  sideMultiple: 32,
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
  binaryThreshold: 0.3,
  boxThreshold: 0.5,
  unclipRatio: 1.5,
  minSidePx: 3,
  maxCandidates: 1000,
} as const;

export const recognitionSettings = {
  heightPx: 48,
  /** Batches are padded to at least this width (rec_image_shape 3,48,320). */
  minWidthPx: 320,
  batchSize: 6,
  /** Batch widths are multiples of this, so requests' runs often match in shape and the model queue stacks them. */
  bucketPx: 64,
  /** A wider line starts a new batch rather than make more than this share of the batch padding. */
  maxPaddingShare: 0.2,
  /** Time steps (8 px each) decoded past a line's own width in a padded batch: the receptive field of its last glyph. */
  decodeMarginSteps: 4,
  /** Lines recognised with a lower mean character probability are dropped (PaddleOCR drop_score). */
  dropScore: 0.5,
  /** Line crops (recognition and direction) get up to this share of their height as margin on every side (see cropMargins). */
  maxCropMargin: 0.35,
} as const;

export const directionSettings = {
  heightPx: 48,
  widthPx: 192,
  batchSize: 6,
  /** A line is turned 180 degrees only when the classifier is at least this sure (cls_thresh). */
  flipThreshold: 0.9,
} as const;

/** Pixel value v becomes (v / 255 - mean) / std per channel, in the models' BGR order. */
export const channelOrder = [2, 1, 0] as const;
