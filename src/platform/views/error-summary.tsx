// The error summary at the top of a page: a focusable alert with one link per problem.
import type { ViewContext } from './context.ts';

export interface PageError {
  /** The id of the control the link moves focus to. */
  target: string;
  message: string;
}

export function ErrorSummary({ ctx, errors }: { ctx: ViewContext; errors: PageError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="kern-alert kern-alert--danger error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title" data-error-summary>
      <div class="kern-alert__header">
        <h2 class="kern-title" id="error-summary-title">
          {ctx.t('form.errorSummary.title')}
        </h2>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          {errors.map((e) => (
            <li key={`${e.target}:${e.message}`}>
              <a class="kern-link" href={`#${e.target}`}>
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function ErrorMessage({ id, ctx, message }: { id: string; ctx: ViewContext; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="kern-error" id={id}>
      <span class="kern-sr-only">{ctx.t('form.errorPrefix')} </span>
      {message}
    </p>
  );
}
