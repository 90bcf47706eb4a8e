import { describe, expect, it } from 'vitest';
import { compileFilters, compilePattern } from '../../lib/local/stream-poller/filter-pattern';

/** A Lambda-shaped DynamoDB stream record. */
const record = (overrides: Record<string, unknown> = {}) => ({
  eventName: 'MODIFY',
  eventSource: 'aws:dynamodb',
  dynamodb: {
    Keys: { pk: { S: 'order#01ABC' }, sk: { S: 'order' } },
    NewImage: { entity: { S: 'order' }, state: { S: 'PENDING' }, itemCount: { N: '2' }, tags: { SS: ['a', 'b'] } },
    OldImage: { entity: { S: 'order' }, state: { S: 'CREATED' } },
    SizeBytes: 120,
  },
  ...overrides,
});

const matches = (pattern: Record<string, unknown>, value: unknown = record()) => compilePattern(pattern)(value);

describe('Lambda event filter patterns', () => {
  it('matches exact values in a list, ORed, and nested objects ANDed', () => {
    expect(matches({ eventName: ['INSERT', 'MODIFY'] })).toBe(true);
    expect(matches({ eventName: ['INSERT'] })).toBe(false);
    expect(matches({ eventName: ['MODIFY'], dynamodb: { NewImage: { state: { S: ['PENDING'] } } } })).toBe(true);
    expect(matches({ eventName: ['MODIFY'], dynamodb: { NewImage: { state: { S: ['APPROVED'] } } } })).toBe(false);
    expect(matches({ dynamodb: { SizeBytes: [120] } })).toBe(true);
    expect(matches({ dynamodb: { SizeBytes: ['120'] } })).toBe(false);
  });

  it('requires a field to be present unless exists:false says otherwise', () => {
    expect(matches({ dynamodb: { OldImage: { state: { S: [{ exists: true }] } } } })).toBe(true);
    expect(matches({ dynamodb: { OldImage: { comments: { S: [{ exists: true }] } } } })).toBe(false);
    expect(matches({ dynamodb: { OldImage: { comments: { S: [{ exists: false }] } } } })).toBe(true);
    expect(matches({ dynamodb: { OldImage: [{ exists: false }] } })).toBe(false);
    expect(matches({ dynamodb: { OldImage: [{ exists: true }] } })).toBe(false); // an object is not a leaf
    const insert = record({ eventName: 'INSERT', dynamodb: { NewImage: { entity: { S: 'order' } } } });
    expect(matches({ dynamodb: { OldImage: { state: { S: [{ exists: false }] } } } }, insert)).toBe(true);
    expect(matches({ dynamodb: { OldImage: { state: { S: ['CREATED'] } } } }, insert)).toBe(false);
  });

  it('supports anything-but (values, one value, prefix), prefix, suffix and equals-ignore-case', () => {
    expect(matches({ eventName: [{ 'anything-but': ['REMOVE'] }] })).toBe(true);
    expect(matches({ eventName: [{ 'anything-but': ['MODIFY', 'REMOVE'] }] })).toBe(false);
    expect(matches({ eventName: [{ 'anything-but': 'MODIFY' }] })).toBe(false);
    expect(matches({ dynamodb: { NewImage: { missing: { S: [{ 'anything-but': ['x'] }] } } } })).toBe(false);
    expect(matches({ dynamodb: { Keys: { pk: { S: [{ prefix: 'order#' }] } } } })).toBe(true);
    expect(matches({ dynamodb: { Keys: { pk: { S: [{ prefix: 'customer#' }] } } } })).toBe(false);
    expect(matches({ dynamodb: { Keys: { pk: { S: [{ 'anything-but': { prefix: 'order#' } }] } } } })).toBe(false);
    expect(matches({ dynamodb: { Keys: { pk: { S: [{ suffix: '01ABC' }] } } } })).toBe(true);
    expect(matches({ eventName: [{ 'equals-ignore-case': 'modify' }] })).toBe(true);
    expect(matches({ dynamodb: { Keys: { pk: { S: [{ wildcard: 'order#*C' }] } } } })).toBe(true);
  });

  it('matches list fields when one element matches, and numeric ranges on numbers', () => {
    expect(matches({ dynamodb: { NewImage: { tags: { SS: ['b'] } } } })).toBe(true);
    expect(matches({ dynamodb: { NewImage: { tags: { SS: ['c'] } } } })).toBe(false);
    expect(matches({ dynamodb: { SizeBytes: [{ numeric: ['>', 100, '<=', 120] }] } })).toBe(true);
    expect(matches({ dynamodb: { SizeBytes: [{ numeric: ['<', 100] }] } })).toBe(false);
  });

  it('supports $or inside a pattern', () => {
    const pattern = { $or: [{ eventName: ['INSERT'] }, { dynamodb: { NewImage: { state: { S: ['PENDING'] } } } }] };
    expect(matches(pattern)).toBe(true);
    expect(matches(pattern, record({ eventName: 'REMOVE', dynamodb: {} }))).toBe(false);
  });

  it('ORs the filters of a consumer; no filters let everything through', () => {
    const filters = compileFilters([{ eventName: ['INSERT'] }, { eventName: ['MODIFY'], dynamodb: { NewImage: { state: { S: ['PENDING'] } } } }]);
    expect(filters(record())).toBe(true);
    expect(filters(record({ eventName: 'REMOVE' }))).toBe(false);
    expect(compileFilters([])(record())).toBe(true);
  });

  it('refuses patterns Lambda would refuse, or that this subset does not know', () => {
    expect(() => compilePattern({ eventName: 'INSERT' })).toThrow(/must be in a list/);
    expect(() => compilePattern({ eventName: [] })).toThrow(/empty list/);
    expect(() => compilePattern({ eventName: [{ cidr: '10.0.0.0/8' }] })).toThrow(/unsupported operator/);
    expect(() => compilePattern({ eventName: [{ exists: 'yes' }] })).toThrow(/exists/);
    expect(() => compilePattern({ size: [{ numeric: ['>>', 1] }] })).toThrow(/numeric/);
  });
});
