import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandVariables, hasVariable } from '../../../server/src/pbxproj/variables';

const settings = {
  PRODUCT_NAME: 'My Driver_2',
  TARGET_NAME: 'MyDriver',
  APP: 'com.example.app',
  PRODUCT_BUNDLE_IDENTIFIER: '$(APP).driver',
  NESTED: '$(PRODUCT_BUNDLE_IDENTIFIER).$(TARGET_NAME)',
  SELF: '$(SELF)',
};

test('expands $(VAR), ${VAR}, $VAR and nested references', () => {
  assert.equal(expandVariables('$(PRODUCT_BUNDLE_IDENTIFIER)', settings), 'com.example.app.driver');
  assert.equal(expandVariables('${PRODUCT_BUNDLE_IDENTIFIER}', settings), 'com.example.app.driver');
  assert.equal(expandVariables('$TARGET_NAME.x', settings), 'MyDriver.x');
  assert.equal(expandVariables('$(NESTED)', settings), 'com.example.app.driver.MyDriver');
  assert.equal(expandVariables('no variables', settings), 'no variables');
});

test('applies modifiers', () => {
  assert.equal(expandVariables('com.example.$(PRODUCT_NAME:rfc1034identifier)', settings), 'com.example.My-Driver-2');
  assert.equal(expandVariables('$(PRODUCT_NAME:c99extidentifier)', settings), 'My_Driver_2');
  assert.equal(expandVariables('$(TARGET_NAME:lower)', settings), 'mydriver');
  assert.equal(expandVariables('$(MISSING:default=fallback)', settings), 'fallback');
});

test('anything unresolved makes the whole value unresolved', () => {
  assert.equal(expandVariables('$(MISSING)', settings), undefined);
  assert.equal(expandVariables('$(TARGET_NAME:nosuchmodifier)', settings), undefined);
  assert.equal(expandVariables('$(SELF)', settings), undefined, 'recursion is bounded');
  assert.equal(expandVariables('$(UNCLOSED', settings), undefined);
});

test('hasVariable', () => {
  assert.ok(hasVariable('$(PRODUCT_BUNDLE_IDENTIFIER)'));
  assert.ok(hasVariable('${EXECUTABLE_NAME}'));
  assert.ok(!hasVariable('com.example.driver'));
  assert.ok(!hasVariable('@DRIVER_VERSION@'));
});
