// The answers of an application, one section per step: on the check page (with change links) and
// in the citizen's account (read-only).
import type { SummarySection } from '../../forms/index.ts';
import type { ViewContext } from '../../platform/views/context.ts';

export function AnswerSections({
  ctx,
  sections,
  changeHref,
  level = 2,
}: {
  ctx: ViewContext;
  sections: SummarySection[];
  changeHref?: (stepId: string) => string;
  /** Heading level of the step titles (3 when the page has a heading above them). */
  level?: 2 | 3;
}) {
  const { t } = ctx;
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <>
      {sections.map((section) => (
        <section class="check-section" key={section.stepId} aria-labelledby={`check-${section.stepId}`}>
          <div class="check-section__header">
            <Heading class={level === 3 ? 'kern-heading-small' : 'kern-heading-medium'} id={`check-${section.stepId}`}>
              {section.title}
            </Heading>
            {changeHref ? (
              <a class="kern-link" href={changeHref(section.stepId)}>
                {t('form.check.change')}
                <span class="kern-sr-only">: {section.title}</span>
              </a>
            ) : null}
          </div>
          <dl class="kern-description-list">
            {section.rows.map((row, i) =>
              row.heading ? (
                <div class="kern-description-list-item" key={`${row.label}-${i}`}>
                  <dt class="kern-description-list-item__key">
                    <strong>{row.label}</strong>
                  </dt>
                  <dd class="kern-description-list-item__value" />
                </div>
              ) : (
                <div class="kern-description-list-item" key={`${row.label}-${i}`}>
                  <dt class="kern-description-list-item__key">{row.label}</dt>
                  <dd class="kern-description-list-item__value">{row.value ?? t('form.notAnswered')}</dd>
                </div>
              ),
            )}
          </dl>
        </section>
      ))}
    </>
  );
}
