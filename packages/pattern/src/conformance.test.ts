import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matches, referenceMatches, RuleMachine, validatePattern, PatternError } from './index.js';
import { errorCases, matchCases } from './cases.test-helper.js';

for (const c of matchCases()) {
  test(`match: ${c.name}`, () => {
    assert.equal(referenceMatches(c.patternText, c.eventText), c.expected, 'reference interpreter');
    assert.equal(matches(c.patternText, c.eventText), c.expected, 'compiled machine');
  });
}

test('all match cases in one machine give the same answers', () => {
  const cases = matchCases();
  const m = new RuleMachine();
  cases.forEach((c, i) => m.add(`r${i}`, c.patternText));
  cases.forEach((c, i) => assert.equal(m.match(c.eventText).includes(`r${i}`), c.expected, c.name));
});

for (const c of errorCases()) {
  test(`invalid: ${c.pattern}`, () => {
    assert.throws(
      () => validatePattern(c.pattern),
      (e: unknown) => {
        assert.ok(e instanceof PatternError);
        assert.equal(e.reason, c.reason);
        assert.equal(e.message, `Event pattern is not valid. Reason: ${c.reason}`);
        if (c.column !== null) assert.equal(e.location?.column, c.column);
        if (!c.located) assert.equal(e.rawMessage, e.message);
        else assert.notEqual(e.rawMessage, e.message);
        return true;
      },
    );
  });
}

test('location suffix is Jackson-shaped', () => {
  try {
    validatePattern('{"int": 42}');
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof PatternError);
    assert.equal(
      e.rawMessage,
      'Event pattern is not valid. Reason: "int" must be an object or an array\n at [Source: (String)"{"int": 42}"; line: 1, column: 11]',
    );
  }
});

test('shapes CloudFormation, CDK and Terraform emit are accepted', () => {
  // CDK renders every leaf as an array and may emit `{"prefix": ""}`; Terraform jsonencode()
  // sorts keys; CloudFormation passes YAML-derived JSON with numbers as numbers.
  validatePattern('{"source":[{"prefix":""}],"detail-type":["A","B"]}');
  validatePattern('{"account":["123456789012"],"detail":{"eventName":["PutObject"]},"source":["aws.s3"]}');
  validatePattern('{\n  "source": [\n    "aws.ecr"\n  ],\n  "detail": {\n    "result": ["SUCCESS"]\n  }\n}');
  validatePattern('{"detail":{"count":[{"numeric":[">=",0,"<",10.5]}],"ok":[true,null]}}');
});

test('pattern length limit', () => {
  const long = `{"a":["${'x'.repeat(5000)}"]}`;
  assert.throws(() => validatePattern(long), PatternError);
  validatePattern(long, { maxLength: 10000 });
});
