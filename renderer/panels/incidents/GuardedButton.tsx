import type { ButtonHTMLAttributes } from 'react';

/**
 * A button the signed-in role may not use: disabled, with the reason (from authorize) as its tooltip and in
 * data-denied, so a wall operator sees why instead of a dead button.
 */
export function GuardedButton({ denied, title, disabled, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { denied: string | null }) {
  return <button type="button" {...rest} disabled={disabled || denied !== null} title={denied ?? title} data-denied={denied ?? undefined} />;
}
