package com.chatrelay.chat;

/**
 * Tells the cluster which rooms have members here, so that it subscribes to their channels. The
 * default room's lines travel on the channel every replica hears: it needs none.
 */
final class ClusterOccupancy implements RoomOccupancy {

	private final Cluster cluster;

	ClusterOccupancy(Cluster cluster) {
		this.cluster = cluster;
	}

	@Override
	public void occupied(Room room) {
		if (!room.isDefault()) {
			this.cluster.roomOccupied(room.name());
		}
	}

	@Override
	public void vacated(Room room) {
		if (!room.isDefault()) {
			this.cluster.roomVacated(room.name());
		}
	}

}
