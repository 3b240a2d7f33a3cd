/** A panel of the page: a landmark region named for screen readers, with its heading. */
import type { ReactNode } from 'react';

/** A titled panel; `label` names the region (the title by default), `className` adds the panel's own class. */
export function Panel({ title, label = title, className, children }: { title: string; label?: string; className: string; children: ReactNode }) {
  return (
    <section className={`panel ${className}`} aria-label={label}>
      <header className="panel-header">
        <h2>{title}</h2>
      </header>
      {children}
    </section>
  );
}
