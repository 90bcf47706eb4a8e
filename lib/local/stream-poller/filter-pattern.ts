/**
 * Lambda event filtering (the EventBridge pattern syntax) for event source mappings, applied to
 * the Lambda-shaped stream record. Supported: nested objects, arrays of exact values (strings,
 * numbers, booleans, null), `exists`, `prefix`, `suffix`, `equals-ignore-case`, `anything-but`
 * (values, or a prefix/suffix), `numeric` ranges, `wildcard` and `$or`. Fields across one object
 * are ANDed, values in one array ORed; a field holding an array matches when one element does.
 * Anything else is refused when the pattern is compiled, as Lambda refuses it when it is created.
 */
export type Matcher = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalar = (value: unknown): value is string | number | boolean | null =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

class InvalidPattern extends Error {
  constructor(path: string, message: string) {
    super(`Invalid filter pattern at ${path || '(root)'}: ${message}`);
    this.name = 'InvalidPattern';
  }
}

/** The values a leaf offers: the elements of an array, else the value itself. */
const candidates = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

type ValueTest = (candidate: unknown) => boolean;

function stringTest(path: string, operator: string, argument: unknown): ValueTest {
  if (operator === 'prefix' && isObject(argument) && typeof argument['equals-ignore-case'] === 'string') {
    const prefix = argument['equals-ignore-case'].toLowerCase();
    return (candidate) => typeof candidate === 'string' && candidate.toLowerCase().startsWith(prefix);
  }
  if (typeof argument !== 'string') throw new InvalidPattern(path, `"${operator}" takes a string`);
  switch (operator) {
    case 'prefix':
      return (candidate) => typeof candidate === 'string' && candidate.startsWith(argument);
    case 'suffix':
      return (candidate) => typeof candidate === 'string' && candidate.endsWith(argument);
    case 'equals-ignore-case':
      return (candidate) => typeof candidate === 'string' && candidate.toLowerCase() === argument.toLowerCase();
    case 'wildcard': {
      const source = argument
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
      const expression = new RegExp(`^${source}$`, 's');
      return (candidate) => typeof candidate === 'string' && expression.test(candidate);
    }
    default:
      throw new InvalidPattern(path, `unsupported operator "${operator}"`);
  }
}

const NUMERIC_OPERATORS: Record<string, (left: number, right: number) => boolean> = {
  '=': (left, right) => left === right,
  '<': (left, right) => left < right,
  '<=': (left, right) => left <= right,
  '>': (left, right) => left > right,
  '>=': (left, right) => left >= right,
};

function numericTest(path: string, argument: unknown): ValueTest {
  if (!Array.isArray(argument) || argument.length === 0 || argument.length % 2 !== 0) {
    throw new InvalidPattern(path, '"numeric" takes [operator, number, ...]');
  }
  const checks: ((value: number) => boolean)[] = [];
  for (let index = 0; index < argument.length; index += 2) {
    const compare = NUMERIC_OPERATORS[String(argument[index])];
    const bound = argument[index + 1];
    if (!compare || typeof bound !== 'number') throw new InvalidPattern(path, `bad numeric comparison ${JSON.stringify(argument)}`);
    checks.push((value) => compare(value, bound));
  }
  return (candidate) => typeof candidate === 'number' && checks.every((check) => check(candidate));
}

const equalsScalar = (expected: string | number | boolean | null): ValueTest => (candidate) => candidate === expected;

function anythingButTest(path: string, argument: unknown): ValueTest {
  let excluded: ValueTest;
  if (isScalar(argument)) excluded = equalsScalar(argument);
  else if (Array.isArray(argument) && argument.every(isScalar)) {
    const tests = argument.map(equalsScalar);
    excluded = (candidate) => tests.some((test) => test(candidate));
  } else if (isObject(argument) && Object.keys(argument).length === 1) {
    const [operator, value] = Object.entries(argument)[0]!;
    excluded = stringTest(path, operator, value);
  } else throw new InvalidPattern(path, '"anything-but" takes a value, a list of values or {prefix|suffix|equals-ignore-case}');
  return (candidate) => candidate !== undefined && !isObject(candidate) && !excluded(candidate);
}

/** One element of a leaf's array: an exact value or an operator object. Returns a test of the whole field. */
function compileLeafRule(path: string, rule: unknown): Matcher {
  if (isScalar(rule)) {
    const test = equalsScalar(rule);
    return (value) => value !== undefined && candidates(value).some(test);
  }
  if (!isObject(rule) || Object.keys(rule).length !== 1) {
    throw new InvalidPattern(path, `expected a value or a single-operator object, got ${JSON.stringify(rule)}`);
  }
  const [operator, argument] = Object.entries(rule)[0]!;
  if (operator === 'exists') {
    if (typeof argument !== 'boolean') throw new InvalidPattern(path, '"exists" takes true or false');
    // exists matches leaves only: an object at that place is not a present leaf.
    return argument ? (value) => value !== undefined && !isObject(value) : (value) => value === undefined;
  }
  let test: ValueTest;
  if (operator === 'anything-but') test = anythingButTest(path, argument);
  else if (operator === 'numeric') test = numericTest(path, argument);
  else test = stringTest(path, operator, argument);
  return (value) => value !== undefined && candidates(value).some(test);
}

function compileObject(path: string, pattern: Record<string, unknown>): Matcher {
  const fieldMatchers: Matcher[] = Object.entries(pattern).map(([key, expected]) => {
    const here = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(expected) || expected.length < 2 || !expected.every(isObject)) {
        throw new InvalidPattern(here, '"$or" takes a list of at least two patterns');
      }
      const alternatives = expected.map((alternative) => compileObject(path, alternative));
      return (value) => alternatives.some((alternative) => alternative(value));
    }
    if (Array.isArray(expected)) {
      if (expected.length === 0) throw new InvalidPattern(here, 'an empty list matches nothing');
      const rules = expected.map((rule) => compileLeafRule(here, rule));
      return (value) => {
        const field = isObject(value) ? value[key] : undefined;
        return rules.some((rule) => rule(field));
      };
    }
    if (isObject(expected)) {
      const nested = compileObject(here, expected);
      return (value) => nested(isObject(value) ? value[key] : undefined);
    }
    throw new InvalidPattern(here, `values must be in a list, e.g. [${JSON.stringify(expected)}]`);
  });
  return (value) => fieldMatchers.every((matcher) => matcher(value));
}

/** Compiles one filter pattern; throws on patterns Lambda would refuse or this subset does not know. */
export function compilePattern(pattern: Record<string, unknown>): Matcher {
  if (!isObject(pattern)) throw new InvalidPattern('', 'a pattern is a JSON object');
  return compileObject('', pattern);
}

/** A consumer's filter list: no filters let everything through; several are ORed. */
export function compileFilters(filters: readonly Record<string, unknown>[]): Matcher {
  if (filters.length === 0) return () => true;
  const patterns = filters.map(compilePattern);
  return (value) => patterns.some((pattern) => pattern(value));
}
