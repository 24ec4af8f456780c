import type { ReactNode } from 'react';

interface Props<T extends string> {
  readonly options: readonly T[];
  readonly value: T;
  /** What the operator reads for an option (a translated label, a callsign). */
  readonly label: (option: T) => string;
  /** Called with one of `options` only, never with anything else the element reports. */
  readonly onChange: (option: T) => void;
  readonly testId?: string;
  readonly disabled?: boolean;
}

/** A pick from a fixed list: the one select for grades, incident types, inject kinds, units, places. */
export function ChoiceSelect<T extends string>({
  options,
  value,
  label,
  onChange,
  testId,
  disabled,
}: Props<T>): ReactNode {
  return (
    <select
      data-testid={testId}
      value={value}
      disabled={disabled}
      onChange={(e) => {
        const picked = options.find((o) => o === e.target.value);
        if (picked !== undefined) onChange(picked);
      }}
    >
      {options.map((o) => (
        <option key={o} value={o}>
          {label(o)}
        </option>
      ))}
    </select>
  );
}
