/** Small form controls shared by the options sections. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function Radios<T extends string>({
  name,
  legend,
  value,
  options,
  onChange,
}: {
  name: string;
  legend: string;
  value: T;
  options: { value: T; label: string; hint?: string }[];
  onChange: (v: T) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} class="choice">
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          <span>
            {o.label}
            {o.hint ? <span class="hint">{o.hint}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * A whole-number field that saves on change (blur or Enter). What the user types is kept as a
 * draft while the field has focus, so a re-render from another save (or another device) never
 * overwrites it mid-typing; out-of-range input is not saved and the field shows the stored value.
 */
export function NumberField({
  name,
  label,
  value,
  min,
  max,
  step,
  hint,
  onSave,
}: {
  name: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  hint?: string;
  onSave: (v: number) => void;
}) {
  const [draft, setDraft] = useState(String(value));
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(String(value));
  }, [value, focused]);
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <label class="field">
      <span>{label}</span>
      <input
        type="number"
        name={name}
        min={min}
        max={max}
        step={step}
        value={draft}
        aria-describedby={hintId}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        onChange={(e) => {
          const v = Number((e.target as HTMLInputElement).value);
          if (Number.isInteger(v) && v >= min && v <= max) onSave(v);
          else setDraft(String(value));
        }}
      />
      {hint ? (
        <span id={hintId} class="hint">
          {hint}
        </span>
      ) : null}
    </label>
  );
}
