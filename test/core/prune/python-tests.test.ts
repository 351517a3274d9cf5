import { describe, expect, it } from 'vitest';
import { parseCollection } from '../../../src/core/prune/collected.js';
import { findDefinition, scanPythonTests } from '../../../src/core/prune/python-tests.js';
import { parseTestId } from '../../../src/core/prune/test-id.js';

const SOURCE = `
import pytest
from helpers import test_imported


def test_top(client):
    def test_nested_helper():
        pass


async def test_async_top():
    pass


class TestPlain:
    @pytest.mark.parametrize("x", [1, 2])
    def test_method(self, x):
        pass

    class TestInner:
        def test_deep(self):
            pass


class TestChild(BaseSuite):
    def test_own(self):
        pass
`;

describe('scanPythonTests', () => {
  const file = scanPythonTests(SOURCE);

  it.each([
    [[], 'test_top', 'defined'],
    [[], 'test_async_top', 'defined'],
    [[], 'test_nested_helper', 'unknown'], // appears in the file, but not as a test pytest collects
    [[], 'test_gone', 'missing'],
    [[], 'test_imported', 'unknown'], // imported: pytest may collect it
    [['TestPlain'], 'test_method', 'defined'],
    [['TestPlain'], 'test_renamed', 'missing'],
    [['TestPlain', 'TestInner'], 'test_deep', 'defined'],
    [['TestChild'], 'test_inherited', 'unknown'], // from BaseSuite, which this file cannot see
    [['TestGone'], 'test_x', 'missing'],
  ])('%j %s is %s', (classes, name, status) => {
    expect(findDefinition(file, classes as string[], name as string)).toBe(status);
  });
});

describe('parseTestId', () => {
  it('splits file, classes, name and parameters', () => {
    expect(parseTestId('tests/integration/x/test_a.py::TestC::test_m[txt=openai/gpt-4o::x]')).toEqual({
      file: 'tests/integration/x/test_a.py',
      classes: ['TestC'],
      name: 'test_m',
      params: 'txt=openai/gpt-4o::x',
    });
    expect(parseTestId('tests/a.py::test_f')).toEqual({ file: 'tests/a.py', classes: [], name: 'test_f', params: null });
    expect(parseTestId('not-a-node-id')).toBeNull();
  });
});

describe('parseCollection', () => {
  it('reads pytest --collect-only -q output, skipping warnings and summaries', () => {
    const output = [
      'tests/integration/inference/test_chat.py::test_stream[model-a]',
      'tests/integration/inference/test_chat.py::TestX::test_m',
      '',
      '=============================== warnings summary ===============================',
      'tests/integration/inference/test_chat.py:12',
      '  /venv/lib/python3.12/site-packages/pydantic/_internal.py:3: DeprecationWarning: old',
      '    warnings.warn(',
      '',
      '-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html',
      '2 tests collected, 1 warning in 0.31s',
    ].join('\n');
    expect([...parseCollection(output)]).toEqual([
      'tests/integration/inference/test_chat.py::test_stream[model-a]',
      'tests/integration/inference/test_chat.py::TestX::test_m',
    ]);
  });

  it('reads a pytest-json-report file: test node ids of every collector', () => {
    const report = {
      collectors: [
        {
          nodeid: 'tests/a.py',
          result: [
            { nodeid: 'tests/a.py::TestC', type: 'Class' },
            { nodeid: 'tests/a.py::test_f[1]', type: 'Function' },
          ],
        },
        { nodeid: '', result: [{ nodeid: 'tests', type: 'Package' }] },
      ],
    };
    expect([...parseCollection(JSON.stringify(report))]).toEqual(['tests/a.py::test_f[1]']);
  });
});
