// Form pieces shared by the matter and theme editors: a labelled field that shows what the quality
// check said about its path, and a one-line-per-entry text area.
import { Form, Input } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { TErrorDetail } from '../ui/api.ts';
import { usePrefs } from '../ui/prefs.tsx';

interface FieldProps {
  label: ReactNode;
  /** id of the control the label names */
  htmlFor?: string;
  problems: TErrorDetail[];
  children: ReactNode;
  className?: string;
}

export function Field({ label, htmlFor, problems, children, className }: FieldProps) {
  const { pick } = usePrefs();
  return (
    <Form.Item
      label={label}
      htmlFor={htmlFor}
      className={className}
      validateStatus={problems.length > 0 ? 'error' : undefined}
      help={problems.length > 0 ? problems.map((p) => pick(p.zh, p.en)).join(' ') : undefined}
    >
      {children}
    </Form.Item>
  );
}

const splitLines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A list of strings edited as lines of text; blank lines are dropped. */
export function LinesInput({ id, value, onChange, invalid }: { id: string; value: string[]; onChange: (lines: string[]) => void; invalid: boolean }) {
  const [text, setText] = useState(value.join('\n'));
  // the document changed elsewhere (JSON editor): show it
  useEffect(() => {
    setText((cur) => (splitLines(cur).join('\n') === value.join('\n') ? cur : value.join('\n')));
  }, [value]);
  return (
    <Input.TextArea
      id={id}
      autoSize={{ minRows: 3, maxRows: 12 }}
      value={text}
      aria-invalid={invalid || undefined}
      status={invalid ? 'error' : undefined}
      onChange={(e) => {
        setText(e.target.value);
        onChange(splitLines(e.target.value));
      }}
    />
  );
}
