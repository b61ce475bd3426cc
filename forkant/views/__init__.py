"""The core's views, one module per topic; forkant/urls.py routes to them."""
