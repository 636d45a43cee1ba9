import type { ComponentChildren, JSX } from 'preact';

type ButtonProps = JSX.HTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'ghost';
  /** Disables the button and tells assistive technology that work is under way. */
  busy?: boolean;
  type?: 'button' | 'submit';
  disabled?: boolean;
  children: ComponentChildren;
};

export function Button({ variant = 'primary', busy, disabled, type = 'button', class: cls, children, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      class={['btn', `btn-${variant}`, cls].filter(Boolean).join(' ')}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {children}
    </button>
  );
}
