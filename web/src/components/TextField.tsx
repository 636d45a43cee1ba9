import type { JSX } from 'preact';
import { useId } from 'preact/hooks';

type TextFieldProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput' | 'id'> & {
  label: string;
  value: string;
  onValue: (value: string) => void;
  /** Shown under the field and announced; marks the field invalid. */
  error?: string;
  inputRef?: JSX.HTMLAttributes<HTMLInputElement>['ref'];
};

export function TextField({ label, value, onValue, error, inputRef, ...input }: TextFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label class="field-label" for={id}>
        {label}
      </label>
      <input
        {...input}
        id={id}
        ref={inputRef}
        class="field-input"
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
