"use client";

import { useCallback, useEffect, useId, useRef, useState, type DragEvent, type KeyboardEvent } from "react";

/**
 * A keyboard-reachable drop zone: drag files in, click or press Enter/Space to pick, or paste an
 * image anywhere on the page. Reports the chosen file (or, with `multiple`, every file chosen at
 * once); size and type are checked by the caller.
 */
export function DropZone({
  onFile,
  multiple = false,
  accept = "image/*",
  label,
  hint,
  testId = "drop-zone",
}: {
  onFile: (file: File, all: File[]) => void;
  multiple?: boolean;
  accept?: string;
  label: string;
  hint?: string;
  testId?: string;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();

  const pick = useCallback(
    (files: FileList | null | undefined) => {
      const all = [...(files ?? [])];
      if (all.length) onFile(all[0], multiple ? all : [all[0]]);
    },
    [onFile, multiple],
  );

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
      if (file) onFile(file, [file]);
    };
    window.addEventListener("paste", onPaste);
    return () => window.removeEventListener("paste", onPaste);
  }, [onFile]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    pick(event.dataTransfer.files);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      inputRef.current?.click();
    }
  };

  // The file input sits beside the button, not inside it (no interactive control nested in another),
  // and out of the tab order: the button opens it with Enter or Space.
  return (
    <div>
      <div
        role="button"
        tabIndex={0}
        data-testid={testId}
        onKeyDown={onKeyDown}
        onClick={() => inputRef.current?.click()}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex cursor-pointer flex-col items-center justify-center rounded-xl border-2 border-dashed px-4 py-8 text-center transition-colors ${
          dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white hover:border-brand-500"
        }`}
      >
        <p className="font-medium text-slate-800">{label}</p>
        {hint && <p className="mt-1 text-sm text-slate-600">{hint}</p>}
      </div>
      <label htmlFor={inputId} className="sr-only">
        {label}
      </label>
      <input
        id={inputId}
        ref={inputRef}
        type="file"
        accept={accept}
        multiple={multiple}
        tabIndex={-1}
        className="sr-only"
        data-testid={`${testId}-input`}
        onChange={(event) => pick(event.target.files)}
      />
    </div>
  );
}
