import { App, Button, Form, Input, InputNumber, Modal, Select, Space, DatePicker } from 'antd';
import type { UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import {
  ApiError,
  type Case,
  type CaseActionInfo,
  type DispatchSuggestion,
} from '../api/client.ts';
import { runCommand } from '../api/commands.ts';
import { unitList, useCaseActions, useUnitNames } from '../api/hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { commandBody, fieldsOf, type FormField } from '../lib/action-fields.ts';
import { allowedActions } from '../lib/actions.ts';
import { NOTE_REQUIRED } from '../lib/shortcuts.ts';
import { PhotoField, uploadPhotos } from './PhotoField.tsx';
import { useSession } from '../session.tsx';

type Values = Partial<Record<FormField, unknown>> & { photos?: UploadFile[] };

/**
 * The buttons of the commands the signed-in role may give this case now (from the server's
 * declared workflow), each opening a small form with that command's fields. A merge is given
 * from the duplicates side by side (DuplicatesPanel), not here. `request` opens one command's
 * dialog from outside (a workbench shortcut); a new `n` opens it again.
 */
export function ActionPanel({
  c,
  suggestion,
  onDone,
  request,
}: {
  c: Case;
  suggestion?: DispatchSuggestion | null;
  onDone: () => void;
  request?: { action: string; n: number } | null;
}) {
  const s = useSession();
  const actions = allowedActions(useCaseActions(), s.user.role, c.status).filter((a) => {
    const f = a.path === null ? null : fieldsOf(a.path);
    return f !== null && !f.includes('targetCaseId');
  });
  const [open, setOpen] = useState<CaseActionInfo | null>(null);
  const requested = request ? actions.find((a) => a.action === request.action) : undefined;
  useEffect(() => {
    if (requested) setOpen(requested);
    // Only a new request opens the dialog, not a re-render with the same one.
  }, [request?.n]);
  const { pick } = useI18n();
  if (actions.length === 0) return null;
  return (
    <>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a.action}
            data-action={a.action}
            type={
              a.action === 'file' || a.action === 'dispatch' || a.action === 'recheck_pass'
                ? 'primary'
                : 'default'
            }
            onClick={() => setOpen(a)}
          >
            {pick(a.label)}
          </Button>
        ))}
      </Space>
      {open && (
        <ActionDialog
          a={open}
          c={c}
          suggestion={suggestion ?? null}
          onClose={(done) => {
            setOpen(null);
            if (done) onDone();
          }}
        />
      )}
    </>
  );
}

function ActionDialog({
  a,
  c,
  suggestion,
  onClose,
}: {
  a: CaseActionInfo;
  c: Case;
  suggestion: DispatchSuggestion | null;
  onClose: (done: boolean) => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const unitName = useUnitNames();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const fields = fieldsOf(a.path ?? '') ?? [];
  // The rule's choice first, then its alternatives, then every other unit in scope (a
  // re-dispatch may go where no rule points).
  const suggested = suggestion
    ? [suggestion.unit, ...suggestion.alternatives.map((x) => x.unit)].map((u) => ({
        value: u.id,
        label: u.nameZh ?? unitName(u.id),
      }))
    : [];
  const unitOptions = [
    ...suggested,
    ...unitList()
      .filter((u) => !suggested.some((x) => x.value === u.id))
      .map((u) => ({ value: u.id, label: `${u.name} (${u.id})` })),
  ];
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const photoIds = await uploadPhotos(v.photos);
      const values: Values = { ...v, photoIds };
      if (
        v.requestedDueAt &&
        typeof (v.requestedDueAt as { toISOString?: unknown }).toISOString === 'function'
      )
        values.requestedDueAt = (v.requestedDueAt as { toISOString: () => string }).toISOString();
      const body = commandBody(fields, values, c.version);
      if (fields.includes('unitId') && suggestion && body.unitId === suggestion.unit.id)
        body.ruleId = suggestion.rule.id;
      await runCommand(a, c.id, body);
      void message.success(`${pick(a.label)} · ${t('done')}`);
      onClose(true);
    } catch (e) {
      void message.error(e instanceof ApiError ? `${pick(e.text)} (${e.code})` : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${pick(a.label)} · ${c.caseNumber}`}
      onCancel={() => onClose(false)}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      okButtonProps={{ id: 'action-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ unitId: suggestion?.unit.id }}
        onFinish={(v) => void submit(v)}
      >
        {fields.includes('unitId') && (
          <Form.Item name="unitId" label={t('unit')} rules={[{ required: true }]}>
            <Select
              options={unitOptions}
              showSearch={{ optionFilterProp: 'label' }}
              id="action-unit"
            />
          </Form.Item>
        )}
        {fields.includes('reason') && (
          <Form.Item
            name="reason"
            label={t('reason')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={3} maxLength={2000} id="action-reason" />
          </Form.Item>
        )}
        {fields.includes('note') && (
          <Form.Item
            name="note"
            label={t('note')}
            rules={NOTE_REQUIRED.has(a.action) ? [{ required: true, whitespace: true }] : []}
          >
            <Input.TextArea rows={2} maxLength={2000} id="action-note" />
          </Form.Item>
        )}
        {fields.includes('requestedDueAt') && (
          <Form.Item name="requestedDueAt" label={t('deadline')}>
            <DatePicker showTime />
          </Form.Item>
        )}
        {fields.includes('satisfaction') && (
          <Form.Item name="satisfaction" label="1–5" rules={[{ required: true }]}>
            <InputNumber min={1} max={5} />
          </Form.Item>
        )}
        {fields.includes('photoIds') && <PhotoField label={t('uploadPhotos')} />}
      </Form>
    </Modal>
  );
}
