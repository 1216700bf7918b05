// 情形引导: the questions one after another. Answered questions stay visible (and can be changed);
// the next unanswered one follows. Single choice = radio buttons, multiple choice = checkboxes.
import type { TNotice } from '@contract/guidance.ts';
import { usePrefs } from '../ui/prefs.tsx';

/** questionCode → chosen option codes */
export type Answers = Record<string, string[]>;

interface Props {
  notice: TNotice;
  answers: Answers;
  onAnswer: (question: string, options: string[]) => void;
  onRestart: () => void;
}

export function Guidance({ notice, answers, onAnswer, onRestart }: Props) {
  const { t, pick } = usePrefs();
  const firstPending = notice.questions.findIndex((q) => notice.pending.includes(q.code));
  const shown = firstPending < 0 ? notice.questions : notice.questions.slice(0, firstPending + 1);

  if (notice.questions.length === 0) return <p>{t('noQuestions')}</p>;

  return (
    <div className="guidance">
      <ol className="questions">
        {shown.map((q, i) => {
          const chosen = answers[q.code] ?? [];
          const toggle = (option: string, on: boolean) =>
            onAnswer(q.code, q.multiple ? (on ? [...chosen, option] : chosen.filter((o) => o !== option)) : [option]);
          return (
            <li key={q.code}>
              <fieldset className="question">
                <legend>
                  <span className="step">{t('questionStep', { n: i + 1 })}</span>
                  {pick(q.text.zh, q.text.en)}
                  {q.multiple && <span className="hint">{t('chooseAny')}</span>}
                </legend>
                <div className="options">
                  {q.options.map((o) => {
                    const id = `q-${q.code}-${o.code}`;
                    return (
                      <label key={o.code} htmlFor={id} className="option">
                        <input
                          id={id}
                          type={q.multiple ? 'checkbox' : 'radio'}
                          name={q.code}
                          value={o.code}
                          checked={chosen.includes(o.code)}
                          onChange={(e) => toggle(o.code, e.target.checked)}
                        />
                        <span>{pick(o.label.zh, o.label.en)}</span>
                      </label>
                    );
                  })}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <p className="status" role="status" data-pending={notice.pending.length}>
        {notice.complete ? t('guidanceDone') : t('guidancePending', { n: notice.pending.length })}
      </p>
      {Object.keys(answers).length > 0 && (
        <button type="button" className="button" onClick={onRestart}>
          {t('restart')}
        </button>
      )}
    </div>
  );
}
