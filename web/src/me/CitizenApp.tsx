// The citizen's own pages, loaded as one chunk when first needed: the one form (apply), my
// applications with their status pages, and messages with the notification settings.
import { ApplyPage } from '../public/ApplyPage.tsx';
import { NotFoundPage } from '../public/NotFoundPage.tsx';
import { matchPath } from '../ui/router.tsx';
import { ApplicationPage } from './ApplicationPage.tsx';
import { ApplicationsPage } from './ApplicationsPage.tsx';
import { MessagesPage } from './MessagesPage.tsx';
import { SignInFirst } from './SignInFirst.tsx';

export default function CitizenApp({ path }: { path: string }) {
  const apply = matchPath('/themes/:code/apply', path);
  if (apply) return <ApplyPage key={apply.code} code={apply.code!} />;
  if (path === '/me/applications' || path === '/me/applications/')
    return (
      <SignInFirst>
        <ApplicationsPage />
      </SignInFirst>
    );
  const one = matchPath('/me/applications/:id', path);
  if (one)
    return (
      <SignInFirst>
        <ApplicationPage key={one.id} id={one.id!} />
      </SignInFirst>
    );
  if (path === '/me/messages')
    return (
      <SignInFirst>
        <MessagesPage />
      </SignInFirst>
    );
  return <NotFoundPage />;
}
