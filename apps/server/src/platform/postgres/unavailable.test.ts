import { describe, expect, it } from 'vitest';
import { isUnavailableError } from './unavailable.ts';
import { OverloadedError } from './connection-manager.ts';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isUnavailableError', () => {
  it.each([
    ['the connection budget is spent', new OverloadedError('main')],
    ['too many clients', pgError('53300', 'sorry, too many clients already')],
    ['the database system is starting up', pgError('57P03')],
    ['admin shutdown', pgError('57P01')],
    ['connection failure', pgError('08006')],
    ['statement timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['refused socket', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['pool deadline', new Error('timeout exceeded when trying to connect')],
    ['lost connection', new Error('Connection terminated unexpectedly')],
    ['wrapped by drizzle', Object.assign(new Error('Failed query: select …'), { cause: pgError('53300') })],
  ])('treats %s as unavailable (503)', (_what, error) => {
    expect(isUnavailableError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505')],
    ['a syntax error (a bug)', pgError('42601')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['nothing', null],
  ])('leaves %s alone', (_what, error) => {
    expect(isUnavailableError(error)).toBe(false);
  });
});
