"""The demo workplace's metoder data, one module per topic, called from `forkant.demo`."""
