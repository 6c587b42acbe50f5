// The e-mail address question used on the check and save pages.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/views/context.ts';
import { Input } from '../../platform/views/inputs.tsx';

export function EmailInput({ ctx, label, hint, value, error }: { ctx: ViewContext; label: ComponentChildren; hint: string; value: string; error?: string }) {
  return <Input ctx={ctx} spec={{ name: 'email', label, hint, type: 'email', autocomplete: 'email', value }} error={error} />;
}
