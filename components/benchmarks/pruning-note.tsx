/** Said next to every pruned figure: why a pruned model is often no faster and no smaller. */
export function PruningNote({ className = "" }: { className?: string }) {
  return (
    <p data-testid="pruning-note" className={`rounded-lg border border-amber-200 bg-amber-50 p-3 text-xs text-amber-900 ${className}`}>
      <strong>About pruned figures:</strong> ONNX Runtime does not speed up unstructured sparsity — magnitude pruning sets weights to zero, but the zeros are
      still multiplied and stored, so a magnitude-pruned variant runs at the same speed and has the same file size unless the file is compressed. Structured
      pruning of convolution channels removes whole channels, and with them work and bytes. On a machine shared with other work, differences of a few percent
      are within measurement noise.
    </p>
  );
}
