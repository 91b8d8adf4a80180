/** Keyboard shortcuts of the workbenches (plain keys, no modifiers, outside text fields). */
export type Shortcut = 'next' | 'prev' | 'open' | 'file' | 'dispatch';

export function shortcutFor(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): Shortcut | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'prev';
    case 'Enter':
      return 'open';
    case 'f':
    case 'F':
      return 'file';
    case 'd':
    case 'D':
      return 'dispatch';
    default:
      return null;
  }
}
