/** Tells the learner which values of the link were refused (and replaced by their defaults). */
import { useAppState } from './storeContext';

/** A dismissible list; nothing when the link was fine. */
export function LinkNotices() {
  const notices = useAppState((s) => s.linkNotices);
  const dismiss = useAppState((s) => s.dismissLinkNotices);
  if (notices.length === 0) return null;
  return (
    <div className="link-notices" role="alert">
      <ul>
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
