//! The six reply styles, loaded from `personas/*.yaml`.
