//! nianbao core: the two 政府信息公开工作年度报告 templates as data, the report model, the readers
//! and the template mapper, the rule catalogue, key figures and renderers. No gRPC here: the server
//! and the CLI are thin layers over [`engine`].

pub mod codes;
pub mod engine;
pub mod finding;
pub mod indicators;
pub mod input;
pub mod mapper;
pub mod model;
pub mod normalize;
pub mod render;
pub mod rules;
pub mod summary;
pub mod template;

pub use rust_decimal::Decimal;
