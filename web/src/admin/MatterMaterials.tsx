// The materials of a matter as a table: required / 容缺 / 告知承诺 toggles and copies.
// Adding or removing materials (and their other fields) is done in the JSON editor.
import { InputNumber, Switch, Table } from 'antd';
import type { TErrorDetail } from '../ui/api.ts';
import type { TMatter } from '@contract/catalog.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { useAdminT, type AdminKey } from './messages.ts';

type Material = TMatter['materials'][number];
type Toggle = 'required' | 'allowMissing' | 'allowCommitment';

interface Props {
  doc: TMatter;
  update: (change: (d: TMatter) => TMatter) => void;
  problemsAt: (path: string) => TErrorDetail[];
}

export function MatterMaterials({ doc, update, problemsAt }: Props) {
  const t = useAdminT();
  const { pick } = usePrefs();
  const setMaterial = (i: number, m: Partial<Material>) =>
    update((d) => ({ ...d, materials: d.materials.map((x, j) => (j === i ? { ...x, ...m } : x)) }));

  const toggle = (key: Toggle, label: AdminKey) => ({
    title: t(label),
    key,
    render: (_: unknown, m: Material, i: number) => (
      <Switch checked={m[key]} aria-label={t('matToggle', { what: t(label), name: m.name })} onChange={(on) => setMaterial(i, { [key]: on })} />
    ),
  });

  return (
    <section aria-labelledby="sec-materials">
      <h2 id="sec-materials">{t('sectionMaterials')}</h2>
      <Table<Material>
        rowKey="code"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={doc.materials}
        columns={[
          {
            title: t('matName'),
            key: 'name',
            render: (_, m, i) => (
              <>
                {m.name}
                <div className="muted small">
                  <code>{m.code}</code>
                </div>
                {problemsAt(`materials.${i}`).map((p) => (
                  <p key={p.code} className="field-problem">
                    {pick(p.zh, p.en)}
                  </p>
                ))}
              </>
            ),
          },
          { title: t('matSource'), key: 'source', render: (_, m) => t(`source_${m.source}` as AdminKey) },
          toggle('required', 'matRequired'),
          toggle('allowMissing', 'matMissing'),
          toggle('allowCommitment', 'matCommitment'),
          {
            title: t('matCopies'),
            key: 'copies',
            render: (_, m, i) => (
              <InputNumber
                size="small"
                min={0}
                precision={0}
                value={m.copies}
                aria-label={t('matToggle', { what: t('matCopies'), name: m.name })}
                onChange={(v) => setMaterial(i, { copies: v ?? 0 })}
                className="copies-input"
              />
            ),
          },
        ]}
      />
    </section>
  );
}
