//! The process-wide concurrency gate and load shedding: at most `max_concurrent` calls are
//! evaluated at once; a call beyond that is refused at once with RESOURCE_EXHAUSTED
//! (`OVERLOADED`), never queued. The admitted call's permit travels in its extensions
//! ([`Permit`]): the handler takes it onto the thread that does the work, so it is held until
//! the work ends, even past a deadline that already answered the caller.

use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tonic::body::Body;
use tonic::codegen::http;

use super::{AroundLayer, Concern};
use crate::refusal::Refusal;

/// The permit of an admitted call, for its handler to take.
#[derive(Debug, Clone)]
pub struct Permit(Arc<Mutex<Option<OwnedSemaphorePermit>>>);

impl Permit {
    /// Takes the permit (once).
    pub fn take(&self) -> Option<OwnedSemaphorePermit> {
        self.0.lock().ok()?.take()
    }
}

/// See the module.
#[derive(Debug, Clone)]
pub struct Gate {
    pub permits: Arc<Semaphore>,
}

impl Gate {
    /// A gate admitting `max_concurrent` calls at once (at least one).
    pub fn new(max_concurrent: usize) -> Gate {
        Gate {
            permits: Arc::new(Semaphore::new(max_concurrent.max(1))),
        }
    }
}

impl Concern for Gate {
    type State = ();

    fn before<B>(&self, req: &mut http::Request<B>) -> Result<(), Refusal> {
        let permit = self
            .permits
            .clone()
            .try_acquire_owned()
            .map_err(|_| Refusal::Overloaded)?;
        req.extensions_mut()
            .insert(Permit(Arc::new(Mutex::new(Some(permit)))));
        Ok(())
    }

    fn after(&self, _: (), _: &mut http::Response<Body>) {}
}

/// The gate layer.
pub fn layer(gate: Gate) -> AroundLayer<Gate> {
    AroundLayer(gate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_beyond_the_limit_are_shed_and_permits_follow_the_work() {
        let g = Gate::new(1);
        let mut first = http::Request::new(());
        g.before(&mut first).unwrap();
        let e = g.before(&mut http::Request::new(())).unwrap_err();
        assert!(matches!(e, Refusal::Overloaded));
        // The handler took the permit: dropping the request does not free it.
        let held = first.extensions().get::<Permit>().unwrap().take().unwrap();
        drop(first);
        assert!(g.before(&mut http::Request::new(())).is_err());
        drop(held);
        let mut again = http::Request::new(());
        assert!(g.before(&mut again).is_ok());
        // A permit never taken is freed with its request.
        drop(again);
        assert!(g.before(&mut http::Request::new(())).is_ok());
    }
}
