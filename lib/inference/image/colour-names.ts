/** Named colours for describing dominant colours in words; matched in CIELAB, where distance tracks perception. */
const namedColours: [string, [number, number, number]][] = [
  ["black", [0, 0, 0]],
  ["white", [255, 255, 255]],
  ["gray", [128, 128, 128]],
  ["silver", [192, 192, 192]],
  ["red", [200, 30, 30]],
  ["dark red", [120, 20, 20]],
  ["orange", [240, 140, 30]],
  ["yellow", [240, 220, 40]],
  ["olive", [128, 128, 0]],
  ["green", [40, 160, 60]],
  ["dark green", [20, 80, 30]],
  ["teal", [0, 128, 128]],
  ["cyan", [60, 210, 230]],
  ["sky blue", [135, 195, 235]],
  ["blue", [55, 100, 185]],
  ["navy", [25, 35, 90]],
  ["purple", [120, 50, 160]],
  ["pink", [240, 150, 190]],
  ["magenta", [210, 50, 180]],
  ["brown", [130, 80, 40]],
  ["tan", [210, 180, 140]],
  ["beige", [235, 225, 200]],
];

export function srgbToLab([r, g, b]: [number, number, number]): [number, number, number] {
  const linear = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [lr, lg, lb] = [linear(r), linear(g), linear(b)];
  const x = (lr * 0.4124 + lg * 0.3576 + lb * 0.1805) / 0.95047;
  const y = lr * 0.2126 + lg * 0.7152 + lb * 0.0722;
  const z = (lr * 0.0193 + lg * 0.1192 + lb * 0.9505) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const namedLab = namedColours.map(([name, rgb]) => [name, srgbToLab(rgb)] as const);

export function nameColour(rgb: [number, number, number]): string {
  const lab = srgbToLab(rgb);
  let best = namedLab[0][0];
  let bestDistance = Infinity;
  for (const [name, reference] of namedLab) {
    const d = (lab[0] - reference[0]) ** 2 + (lab[1] - reference[1]) ** 2 + (lab[2] - reference[2]) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = name;
    }
  }
  return best;
}
