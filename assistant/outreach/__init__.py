"""Work for the outreach and the hotline: batch checks of many enterprises, printable reports."""
