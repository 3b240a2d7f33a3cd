import { describe, expect, it } from 'vitest';
import { errorMessage, failure, megabytes, success } from './messages';

describe('messages', () => {
  it('takes an Error’s message, and anything else thrown as text', () => {
    expect(errorMessage(new RangeError('step out of range'))).toBe('step out of range');
    expect(errorMessage('worker gone')).toBe('worker gone');
    expect(errorMessage(42)).toBe('42');
  });

  it('shapes outcomes and sizes for the learner', () => {
    expect(failure('No.')).toEqual({ kind: 'error', text: 'No.' });
    expect(success('Yes.')).toEqual({ kind: 'success', text: 'Yes.' });
    expect(megabytes(1.5 * 1024 * 1024)).toBe('1.5');
    expect(megabytes(64 * 1024 * 1024, 0)).toBe('64');
  });
});
