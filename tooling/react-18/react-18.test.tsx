import { LivepushAuthProvider } from '@livepush/auth-react';
import { render } from '@testing-library/react';
import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { expect, it } from 'vitest';

it('runs the adapter on React 18.2 (this project swaps React 19 for it)', () => {
  expect([version, domVersion]).toEqual(['18.2.0', '18.2.0']);
  const { container } = render(
    <LivepushAuthProvider navigate={() => {}}>
      <p>child</p>
    </LivepushAuthProvider>,
  );
  expect(container.textContent).toBe('child');
});
