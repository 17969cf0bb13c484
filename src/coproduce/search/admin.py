"""No admin for the search index: it is derived from the objects found (which have their
own admin pages where any), and it holds what no one may read one by one, such as a hidden
idea's text."""
