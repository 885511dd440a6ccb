import { NotFoundPanel } from '@/components/not-found-panel';

/**
 * A PPA that does not exist, or that the signed-in person may not see (another MOA's: the server answers 404
 * for both, so nobody learns which PPAs other MOAs have).
 */
export default function PpaNotFound() {
  return (
    <NotFoundPanel title="PPA not found">
      <p>This PPA does not exist, or it belongs to another MOA. Only its own MOA’s planners, the reviewers and the executives can open it.</p>
    </NotFoundPanel>
  );
}
