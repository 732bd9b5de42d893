/**
 * WordNet hypernyms of ImageNet-1k classes, by class index (0-based, the order of the 1000-way output),
 * for the everyday words of the eval labels: class 281 "tabby" is a "cat", 151-268 are all "dog"s.
 * These are facts of the ImageNet hierarchy, not tuned to any photo; indices were checked against the
 * label file.
 */
const ranges = (...spans: [number, number][]) => spans.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));

export const imagenetGroups: Record<string, number[]> = {
  bird: ranges([7, 24], [80, 100], [127, 146]),
  owl: [24],
  parrot: [87, 88, 89, 90],
  dog: ranges([151, 268]),
  cat: ranges([281, 285]),
  "wild cat": ranges([286, 293]),
  bear: ranges([294, 297]),
  horse: [339, 603],
  cow: [345, 346, 347],
  cattle: [345, 346, 347],
  elephant: [101, 385, 386],
  car: [407, 436, 468, 479, 511, 609, 627, 656, 661, 717, 751, 817],
  vehicle: [407, 436, 468, 479, 511, 555, 569, 609, 627, 656, 661, 675, 717, 734, 751, 817, 864, 867],
  truck: [555, 569, 675, 717, 734, 864, 867],
  coffee: [504, 967],
  cup: [504, 968],
  clock: [409, 530, 892],
  food: ranges([924, 969]),
};

export function inImagenetGroup(classIndex: number, word: string): boolean {
  return imagenetGroups[word]?.includes(classIndex) ?? false;
}
