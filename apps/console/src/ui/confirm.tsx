import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What an irreversible command asks before it is sent: the action, and the figures it will record. */
export interface ConfirmRequest {
  readonly title: string;
  /** Label → value, shown as a list: amounts in figures and in words, dates, names. */
  readonly figures: readonly { readonly label: string; readonly value: ReactNode }[];
  /** The confirm button's text, e.g. "Confirmer le décaissement". */
  readonly confirmLabel: string;
  readonly warning?: string;
}

type Ask = (request: ConfirmRequest) => Promise<boolean>;
const ConfirmContext = createContext<Ask | null>(null);

/**
 * One modal <dialog> for the whole console. `useConfirm()(request)` opens it and resolves true
 * (confirmed) or false (cancelled, Escape). Focus goes to Cancel first: Enter alone never confirms.
 */
export function ConfirmProvider(props: { children: ReactNode }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState<{ request: ConfirmRequest; resolve: (ok: boolean) => void } | null>(null);

  const ask = useCallback<Ask>((request) => new Promise((resolve) => setOpen({ request, resolve })), []);
  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) {
      dialog.current.showModal();
      cancel.current?.focus();
    }
  }, [open]);
  const close = (ok: boolean) => {
    open?.resolve(ok);
    dialog.current?.close();
    setOpen(null);
  };

  return (
    <ConfirmContext.Provider value={ask}>
      {props.children}
      <dialog
        ref={dialog}
        className="confirm"
        aria-labelledby="confirm-title"
        onCancel={(event) => {
          event.preventDefault();
          close(false);
        }}
      >
        {open ? (
          <>
            <h2 id="confirm-title">{open.request.title}</h2>
            <dl className="figures">
              {open.request.figures.map((f) => (
                <div key={f.label}>
                  <dt>{f.label}</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
            <p className="irreversible">{open.request.warning ?? t('confirm.irreversible')}</p>
            <div className="actions">
              <button type="button" ref={cancel} className="secondary" onClick={() => close(false)}>
                {t('action.cancel')}
              </button>
              <button type="button" className="primary" onClick={() => close(true)}>
                {open.request.confirmLabel}
              </button>
            </div>
          </>
        ) : null}
      </dialog>
    </ConfirmContext.Provider>
  );
}

export function useConfirm(): Ask {
  const ask = useContext(ConfirmContext);
  if (!ask) throw new Error('useConfirm outside ConfirmProvider');
  return ask;
}
