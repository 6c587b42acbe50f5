// One attachment of a case shown in the page: an image as such, a PDF in the browser's own viewer
// (with a download link where the browser has none).
import { formatBytes } from '../../forms/index.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';

export interface FilePreviewProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  kase: { id: string; reference: string };
  file: { id: string; filename: string; mediaType: string; sizeBytes: number };
}

export function FilePreviewPage({ ctx, viewer, kase, file }: FilePreviewProps) {
  const { t } = ctx;
  const base = `/backoffice/vorgaenge/${kase.id}/dateien/${file.id}`;
  const download = (
    <a class="kern-link" href={base}>
      {t('bo.preview.download', { name: file.filename, size: formatBytes(file.sizeBytes, ctx.lang) })}
    </a>
  );
  return (
    <BackofficeLayout ctx={ctx} title={`${file.filename} – ${kase.reference}`} staff={viewer}>
      <PageTop ctx={ctx} back={{ href: `/backoffice/vorgaenge/${kase.id}`, label: kase.reference }} />
      <h1 class="kern-heading-large">{file.filename}</h1>
      <p class="kern-body">{download}</p>
      {file.mediaType === 'application/pdf' ? (
        <object class="file-preview file-preview--pdf" data={`${base}/inhalt`} type="application/pdf" aria-label={file.filename}>
          <p class="kern-body">
            {t('bo.preview.noViewer')} {download}
          </p>
        </object>
      ) : (
        <img class="file-preview" src={`${base}/inhalt`} alt={t('bo.preview.alt', { name: file.filename })} />
      )}
    </BackofficeLayout>
  );
}
