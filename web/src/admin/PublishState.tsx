// Published version of a matter or theme, and whether its draft has changes not yet published.
import { Space, Tag } from 'antd';
import { useAdminT } from './messages.ts';

export function PublishState({ version, changes }: { version: number | null; changes: boolean }) {
  const t = useAdminT();
  return (
    <Space size={4} wrap>
      <Tag className="tag-plain">{version === null ? t('notPublished') : t('versionN', { n: version })}</Tag>
      {changes ? <Tag className="tag-changes">{t('unpublishedChanges')}</Tag> : version !== null && <Tag className="tag-ok-admin">{t('upToDate')}</Tag>}
    </Space>
  );
}
