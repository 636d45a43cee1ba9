import type { ComponentChildren } from 'preact';

export function Card({ title, children, class: cls }: { title?: string; children: ComponentChildren; class?: string }) {
  return (
    <section class={cls ? `card ${cls}` : 'card'}>
      {title && <h2 class="card-title">{title}</h2>}
      {children}
    </section>
  );
}
